/** What `npm pack` would ship, and the manifest that ships with it. */
export interface PackageContents {
  manifest: Manifest;
  /** Paths inside the tarball, as `npm pack --dry-run --json` lists them. */
  packedFiles: string[];
  /** The built entry (`dist/index.js`) and its types (`dist/index.d.ts`). */
  code: string;
  types: string;
}

export interface Manifest {
  name?: string;
  version?: string;
  license?: string;
  type?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  publishConfig?: { access?: string };
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The only files a release may hold: the build, the docs, the licence and the manifest. */
const shippable = /^(package\.json|README\.md|LICENSE|dist\/index\.(js|js\.map|d\.ts))$/;

/**
 * Everything that would make a publish of the packed package wrong, as sentences; empty when it
 * is ready. Run by `prepublishOnly` through `check-package.ts`.
 * @example packageProblems(contents) // ['version 0.0.0 is unreleased: run `pnpm changeset version`']
 */
export function packageProblems({ manifest, packedFiles, code, types }: PackageContents): string[] {
  const problems: string[] = [];
  const version = manifest.version ?? '';
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
    problems.push(`version '${version}' is not semver`);
  if (version === '0.0.0')
    problems.push('version 0.0.0 is unreleased: run `pnpm changeset version`');
  if (!manifest.license) problems.push('no license');
  if (manifest.type !== 'module') problems.push('type is not module');
  const repository = typeof manifest.repository === 'string' ? undefined : manifest.repository;
  if (!repository?.url || !repository.directory) {
    problems.push('repository needs url and directory (npm provenance checks them)');
  }
  if (manifest.publishConfig?.access !== 'public')
    problems.push('publishConfig.access is not public');
  for (const file of packedFiles.filter((path) => !shippable.test(path))) {
    problems.push(`${file} would ship`);
  }
  for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) {
    if (!packedFiles.includes(file)) problems.push(`${file} would not ship`);
  }
  for (const target of exportTargets(manifest.exports)) {
    if (!packedFiles.includes(target.replace(/^\.\//, '')))
      problems.push(`exports names ${target}, which would not ship`);
  }
  const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries(declared)) {
    if (range.startsWith('workspace:')) problems.push(`${name} is a workspace: dependency`);
  }
  for (const specifier of new Set([...importedModules(code), ...importedModules(types)])) {
    if (specifier.startsWith('node:'))
      problems.push(`the build imports ${specifier}: not edge-safe`);
    else if (!Object.hasOwn(declared, packageName(specifier))) {
      problems.push(`the build imports ${specifier}, which is not a dependency`);
    }
  }
  return problems;
}

function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** Module specifiers of top-level `import … from` / `export … from` statements. */
function importedModules(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)]
    .map((match) => match[1] ?? '')
    .filter((specifier) => !specifier.startsWith('.'));
}

/** `zod/v4` -> `zod`, `@ai-sdk/provider/x` -> `@ai-sdk/provider`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
