-- Argo CD health of a proton.ops.dev resource, read the kstatus way: the operator's status counts only once it
-- describes the current spec (status.observedGeneration == metadata.generation); then Stalled (a person must act)
-- is Degraded, Reconciling (work in flight) is Progressing, and Ready is Healthy.
local hs = {}

local function findCondition(conditions, conditionType)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function isTrue(condition)
  return condition ~= nil and condition.status == "True"
end

local function messageOf(condition, fallback)
  if condition ~= nil and condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  return fallback
end

local annotations = obj.metadata.annotations
if annotations ~= nil and annotations["proton.ops.dev/paused"] == "true" then
  hs.status = "Suspended"
  hs.message = "Paused by the annotation proton.ops.dev/paused: the operator makes no AWS changes"
  return hs
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

if obj.status.observedGeneration == nil or obj.status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(obj.metadata.generation)
  return hs
end

local conditions = obj.status.conditions
local stalled = findCondition(conditions, "Stalled")
if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = messageOf(stalled, "Stalled")
  return hs
end

local reconciling = findCondition(conditions, "Reconciling")
if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = messageOf(reconciling, "Reconciling")
  return hs
end

local ready = findCondition(conditions, "Ready")
if isTrue(ready) then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = messageOf(ready, "Waiting for the Ready condition")
return hs
