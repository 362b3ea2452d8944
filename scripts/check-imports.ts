/**
 * The import rules of src/ (decision 0011), checked by `npm run check:imports` and `npm run check`:
 *
 * 1. Layers only import downwards:
 *      lib  <  config, i18n, db  <  web, cache  <  features  <  demo  <  app, newsroom, server, cli
 *    (newsroom.ts is the app's wiring of the newsroom kit and every feature's newsroom pages)
 *    (web holds the reader's and the newsroom's shells; it never reaches into a feature).
 * 2. Feature folders never import each other both ways, directly or round a longer loop: the
 *    folder graph of src/features/* has no cycle.
 * 3. Inside a feature: routes call services, services call repositories. A `*.routes.ts` file
 *    does not import a `*.repository.ts` file, a repository imports no service, routes or views,
 *    and a service imports no routes.
 * 4. No SQL in routes: a `*.routes.ts` file does not build queries itself. Calls of Kysely's
 *    query builders (`.selectFrom(`, `.insertInto(`, `.updateTable(`, `.deleteFrom(`) and `sql`
 *    tagged templates are reported with their line; the query belongs in the feature's repository,
 *    behind a service function the route calls.
 *
 * Type-only imports count too: a type shared both ways is a sign it belongs lower down.
 * Test files (`*.test.ts`) are left out. Prints every broken rule and exits 1 if there is one.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? 'src');

const LAYERS: Record<string, number> = { lib: 0, config: 1, i18n: 1, db: 1, web: 2, cache: 2, features: 3, demo: 4, app: 5, newsroom: 5, server: 5, cli: 5 };

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.includes('.test.') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative imports of a file, resolved to files under root (`.js` written for `.ts`, as NodeNext wants). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'))
    .filter((target) => target.startsWith(root + path.sep));
}

/** `features/<name>` for a feature's files, else the top folder (or the file's name at the top). */
export function unitOf(relative: string): string {
  const parts = relative.split(path.sep);
  if (parts[0] === 'features' && parts.length > 2) return `features/${parts[1]}`;
  return parts.length > 1 ? (parts[0] as string) : (parts[0] as string).replace(/\.m?ts$/, '');
}

const layerOf = (unit: string): number | undefined => LAYERS[unit.split('/')[0] as string];

const roleOf = (file: string): 'routes' | 'service' | 'repository' | 'view' | undefined => {
  const base = path.basename(file);
  if (/\.routes\.ts$/.test(base)) return 'routes';
  if (/\.service\.ts$/.test(base)) return 'service';
  if (/\.repository\.ts$/.test(base)) return 'repository';
  if (/\.views?\.ts$/.test(base) || file.split(path.sep).includes('views')) return 'view';
  return undefined;
};

/** Kysely's query builders: a call of one of these is a query written where it is made. */
const QUERY_BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom']);

/**
 * Where a file builds SQL itself (rule 4), as "line: what". Read from the syntax tree, so a
 * builder's name in a comment or a string is not a query.
 */
export function sqlIn(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_BUILDERS.has(node.expression.name.text)) {
      found.push(`line ${lineOf(node.expression.name)}: .${node.expression.name.text}(`);
    } else if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      found.push(`line ${lineOf(node)}: sql\``);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FORBIDDEN_ROLES: Record<string, string[]> = {
  routes: ['repository'],
  repository: ['service', 'routes', 'view'],
  service: ['routes'],
};

/** Cycles in a folder graph, each printed once (Tarjan's strongly connected components). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

function main(): void {
  const problems: string[] = [];
  const featureGraph = new Map<string, Set<string>>();
  const edgesBetween = new Map<string, Edge[]>();
  for (const file of sourceFiles(root)) {
    const from = path.relative(root, file);
    const fromUnit = unitOf(from);
    if (roleOf(file) === 'routes') {
      for (const query of sqlIn(file, fs.readFileSync(file, 'utf8'))) problems.push(`${from} ${query}: a routes file does not write SQL; call a service (its repository holds the query)`);
    }
    for (const target of importsOf(file)) {
      const to = path.relative(root, target);
      const toUnit = unitOf(to);
      if (fromUnit === toUnit) {
        const bad = FORBIDDEN_ROLES[roleOf(file) ?? ''] ?? [];
        const targetRole = roleOf(target);
        if (targetRole && bad.includes(targetRole)) problems.push(`${from} imports ${to}: a ${roleOf(file)} file does not import a ${targetRole} file`);
        continue;
      }
      const fromLayer = layerOf(fromUnit);
      const toLayer = layerOf(toUnit);
      if (fromLayer === undefined) problems.push(`${from}: the folder ${fromUnit} has no layer in scripts/check-imports.ts`);
      else if (toLayer === undefined) problems.push(`${to}: the folder ${toUnit} has no layer in scripts/check-imports.ts`);
      else if (toLayer > fromLayer) problems.push(`${from} imports ${to}: ${fromUnit} (a lower layer) must not import ${toUnit}`);
      if (fromUnit.startsWith('features/') && toUnit.startsWith('features/')) {
        if (!featureGraph.has(fromUnit)) featureGraph.set(fromUnit, new Set());
        featureGraph.get(fromUnit)!.add(toUnit);
        const key = `${fromUnit} -> ${toUnit}`;
        edgesBetween.set(key, [...(edgesBetween.get(key) ?? []), { from, to }]);
      }
    }
  }
  for (const component of cycles(featureGraph)) {
    const members = new Set(component);
    const inside = [...edgesBetween.entries()].filter(([key]) => {
      const [a, b] = key.split(' -> ') as [string, string];
      return members.has(a) && members.has(b);
    });
    problems.push(
      `feature folders import each other round a loop: ${component.join(', ')}\n` +
        inside.map(([key, edges]) => `    ${key}: ${edges.map((e) => e.from).filter((f, i, all) => all.indexOf(f) === i).join(', ')}`).join('\n'),
    );
  }
  if (problems.length) {
    console.error(`Import rules broken (${problems.length}); see scripts/check-imports.ts for the rules:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log(`Import rules hold: ${featureGraph.size} feature folders, no loops, layers one way.`);
  }
}

main();
