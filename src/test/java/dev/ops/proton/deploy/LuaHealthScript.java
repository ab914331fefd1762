package dev.ops.proton.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs an Argo CD health script the way Argo CD does: the resource as the global table {@code obj} (maps as tables,
 * lists as 1-based arrays, numbers as Lua numbers), the script's returned table read for {@code status} and
 * {@code message}.
 */
final class LuaHealthScript {

    /** What Argo CD would show for a resource. */
    record Verdict(String status, String message) {}

    private final Path script;
    private final String source;

    LuaHealthScript(Path script) throws IOException {
        this.script = script;
        this.source = Files.readString(script);
    }

    Verdict evaluate(Map<String, Object> resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(resource));
        LuaValue result = globals.load(source, script.toString()).call();
        return new Verdict(stringOrNull(result.get("status")), stringOrNull(result.get("message")));
    }

    private static String stringOrNull(LuaValue value) {
        return value.isnil() ? null : value.tojstring();
    }

    private static LuaValue toLua(Object value) {
        if (value == null) {
            return LuaValue.NIL;
        }
        if (value instanceof Map) {
            LuaTable table = new LuaTable();
            ((Map<?, ?>) value).forEach((key, entry) -> table.set(key.toString(), toLua(entry)));
            return table;
        }
        if (value instanceof List) {
            LuaTable table = new LuaTable();
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                table.set(i + 1, toLua(list.get(i)));
            }
            return table;
        }
        if (value instanceof Boolean) {
            return LuaValue.valueOf((Boolean) value);
        }
        if (value instanceof Number) {
            return LuaValue.valueOf(((Number) value).doubleValue());
        }
        return LuaValue.valueOf(value.toString());
    }
}
