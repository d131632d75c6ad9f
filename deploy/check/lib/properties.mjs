// The configuration properties a service actually reads, derived from its sources:
// - @ConfigMapping(prefix = ...) interfaces: method names in kebab-case, nested groups, Map<...> as wildcards;
// - @ConfigProperty(name = ...) injections;
// - keys of src/main/resources/application.properties (profile prefixes stripped);
// the same for the io.urlcheck modules the service depends on (api-guard, contract), plus the well-known
// prefixes Quarkus and SmallRye Kafka pass through (quarkus.http.*, quarkus.log.*, quarkus.shutdown.*, kafka.*,
// mp.messaging.*).
import fs from "node:fs";
import path from "node:path";

// mp.messaging.* is narrowed to the channels the service declares (and connector-wide settings).
export const WELL_KNOWN_PREFIXES = ["quarkus.http.", "quarkus.log.", "quarkus.shutdown.", "kafka.", "mp.messaging.connector."];

function javaFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...javaFiles(p));
    else if (entry.name.endsWith(".java")) out.push(p);
  }
  return out;
}

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, " ");
}

/** Text of the body starting at `open` (index of '{'), and the index after its closing '}'. */
function body(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}" && --depth === 0) return { text: src.slice(open + 1, i), end: i + 1 };
  }
  return { text: src.slice(open + 1), end: src.length };
}

/** The body with every nested {...} block removed, so only direct members remain. */
function topLevel(text) {
  let out = "";
  let depth = 0;
  for (const ch of text) {
    if (ch === "{") depth++;
    if (depth === 0) out += ch;
    if (ch === "}") {
      depth--;
      if (depth === 0) out += ";";
    }
  }
  return out;
}

export function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/([A-Z])([A-Z][a-z])/g, "$1-$2").toLowerCase();
}

/** Every interface in the sources: name -> [{name, key, type, parent}] for its no-argument methods. */
function interfaces(sources) {
  const index = new Map();
  const roots = [];
  for (const raw of sources) {
    const src = stripComments(raw);
    const re = /((?:@\w+(?:\([^)]*\))?\s*)*)(?:public\s+|static\s+|sealed\s+)*interface\s+(\w+)[^{]*\{/g;
    let m;
    while ((m = re.exec(src))) {
      const open = src.indexOf("{", m.index + m[0].length - 1);
      const { text } = body(src, open);
      const members = [];
      for (const stmt of topLevel(text).split(";")) {
        const s = stmt.trim();
        const method = /([\w.]+(?:<[^()]*>)?(?:\[\])?)\s+(\w+)\s*\(\s*\)\s*$/.exec(s);
        if (!method || /\b(default|static)\b/.test(s.slice(0, method.index))) continue;
        const withName = /@WithName\(\s*"([^"]+)"\s*\)/.exec(s);
        members.push({
          key: /@WithParentName\b/.test(s) ? "" : withName ? withName[1] : kebab(method[2]),
          type: method[1],
        });
      }
      index.set(m[2], members);
      const mapping = /@ConfigMapping\s*\(\s*(?:prefix\s*=\s*)?"([^"]+)"/.exec(m[1]);
      if (mapping) roots.push({ prefix: mapping[1], iface: m[2] });
    }
  }
  return { index, roots };
}

function unwrap(type) {
  const m = /^(?:java\.util\.)?(Optional|List|Set|Collection)<\s*(.+)\s*>$/.exec(type);
  return m ? { kind: m[1], inner: unwrap(m[2]).inner, list: m[1] !== "Optional" || unwrap(m[2]).list } : { inner: type, list: false };
}

function expand(index, prefix, iface, exact, wildcards, depth = 0) {
  if (depth > 8) return;
  for (const { key, type } of index.get(iface) ?? []) {
    const name = key === "" ? prefix : `${prefix}.${key}`;
    if (/^(?:java\.util\.)?Map</.test(type)) {
      wildcards.push(`${name}.`);
      continue;
    }
    const { inner, list } = unwrap(type);
    if (index.has(inner)) {
      if (list) wildcards.push(`${name}[`);
      else expand(index, name, inner, exact, wildcards, depth + 1);
    } else {
      exact.add(name);
    }
  }
}

function moduleDependencies(repo, moduleDir) {
  const pom = path.join(repo, moduleDir, "pom.xml");
  if (!fs.existsSync(pom)) return [];
  const xml = fs.readFileSync(pom, "utf8");
  const deps = [];
  const re = /<dependency>\s*<groupId>io\.urlcheck<\/groupId>\s*<artifactId>([\w-]+)<\/artifactId>([\s\S]*?)<\/dependency>/g;
  let m;
  while ((m = re.exec(xml))) {
    if (/<scope>test<\/scope>/.test(m[2])) continue;
    if (fs.existsSync(path.join(repo, m[1], "pom.xml"))) deps.push(m[1]);
  }
  return deps;
}

/** Known properties of the module `moduleDir` (e.g. "worker-service") in `repo`. */
export function knownProperties(repo, moduleDir) {
  const modules = [moduleDir];
  for (let i = 0; i < modules.length; i++) {
    for (const dep of moduleDependencies(repo, modules[i])) if (!modules.includes(dep)) modules.push(dep);
  }
  const sources = modules.flatMap((m) => javaFiles(path.join(repo, m, "src/main/java"))).map((f) => fs.readFileSync(f, "utf8"));
  const exact = new Set();
  const wildcards = [];
  const { index, roots } = interfaces(sources);
  for (const { prefix, iface } of roots) expand(index, prefix, iface, exact, wildcards);
  for (const src of sources) {
    for (const m of src.matchAll(/@ConfigProperty\s*\(\s*name\s*=\s*"([^"]+)"/g)) exact.add(m[1]);
  }
  const defaults = new Map();
  const channelProps = new Map();
  for (const m of modules) {
    const props = path.join(repo, m, "src/main/resources/application.properties");
    if (!fs.existsSync(props)) continue;
    for (const line of fs.readFileSync(props, "utf8").split("\n")) {
      const t = line.trim();
      if (!t || t.startsWith("#") || t.startsWith("!")) continue;
      const eq = t.search(/[=:]/);
      const key = (eq < 0 ? t : t.slice(0, eq)).trim().replace(/^%[\w,-]+\./, "");
      exact.add(key);
      const ch = /^mp\.messaging\.(incoming|outgoing)\.([^.]+)\.(.+)$/.exec(key);
      if (ch) {
        const k = `${ch[1]}.${ch[2]}`;
        if (!channelProps.has(k)) channelProps.set(k, { direction: ch[1], name: ch[2] });
        const value = eq < 0 ? "" : t.slice(eq + 1).trim();
        if (ch[3] === "topic") channelProps.get(k).topic = value;
        if (ch[3] === "group.id") channelProps.get(k).group = value;
      }
    }
  }
  for (const src of sources) {
    // @WithDefault values, for invariants that need a service default (e.g. drain-grace).
    for (const m of stripComments(src).matchAll(/@WithDefault\(\s*"([^"]*)"\s*\)[^;]*?\s(\w+)\s*\(\s*\)\s*;/g)) {
      defaults.set(kebab(m[2]), m[1]);
    }
  }
  const usesDatasource = sources.some((s) => s.includes("quarkus.datasource") || /\bDataSource\b|AgroalDataSource/.test(s));
  const channels = [...channelProps.values()];
  const prefixes = [
    ...WELL_KNOWN_PREFIXES,
    ...channels.map((c) => `mp.messaging.${c.direction}.${c.name}.`),
    ...(usesDatasource ? ["quarkus.datasource."] : []),
  ];
  return {
    modules,
    exact,
    wildcards,
    prefixes,
    defaults,
    channels,
    found: roots.length > 0,
    isKnown(key) {
      return exact.has(key) || wildcards.some((w) => key.startsWith(w)) || prefixes.some((p) => key.startsWith(p));
    },
  };
}
