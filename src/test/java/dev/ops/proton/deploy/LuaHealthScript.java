package dev.ops.proton.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseOsLib;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs an Argo CD health script the way Argo CD does (util/lua/lua.go in argoproj/argo-cd): the resource as the
 * global table {@code obj} (maps as tables, lists as 1-based arrays, numbers as Lua numbers), the returned table read
 * for {@code status} and {@code message}, and only the Lua libraries Argo CD opens for it.
 */
final class LuaHealthScript {

    /** What Argo CD would show for a resource. */
    record Verdict(String status, String message) {}

    /** The Lua libraries a health script gets. */
    enum Libraries {
        /**
         * A script from argocd-cm (resource.customizations, useOpenLibs false, how this project installs them):
         * package, base, table, and a "safe" os holding only time and date. No string, math or io library, and no
         * string methods ({@code s:find(...)}).
         */
        ARGO_CD_CONFIG_MAP,
        /** A script built into Argo CD (resource_customizations/ upstream): Lua's standard libraries. */
        ARGO_CD_BUILT_IN
    }

    private final Path script;
    private final String source;

    LuaHealthScript(Path script) throws IOException {
        this.script = script;
        this.source = Files.readString(script);
    }

    Verdict evaluate(Map<String, Object> resource, Libraries libraries) {
        Globals globals = libraries == Libraries.ARGO_CD_BUILT_IN ? JsePlatform.standardGlobals() : configMapGlobals();
        globals.set("obj", toLua(resource));
        LuaValue result = globals.load(source, script.toString()).call();
        return new Verdict(stringOrNull(result.get("status")), stringOrNull(result.get("message")));
    }

    private static Globals configMapGlobals() {
        // LuaJ keeps the string metatable in a static field that loading its string library (standardGlobals) sets
        // for the whole JVM; gopher-lua without its string library has none, so string methods must fail here too.
        LuaString.s_metatable = null;
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        LuaTable safeOs = new LuaTable();
        Globals full = new Globals();
        full.load(new PackageLib());
        LuaValue os = full.load(new JseOsLib());
        safeOs.set("time", os.get("time"));
        safeOs.set("date", os.get("date"));
        globals.set("os", safeOs);
        LuaTable packageTable = globals.get("package").checktable();
        packageTable.get("loaded").checktable().set("os", safeOs);
        // Argo CD's package library finds modules in package.preload and Lua files, never Java classes.
        LuaTable searchers = new LuaTable();
        searchers.set(1, packageTable.get("searchers").get(1));
        searchers.set(2, packageTable.get("searchers").get(2));
        packageTable.set("searchers", searchers);
        LoadState.install(globals);
        LuaC.install(globals);
        return globals;
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
