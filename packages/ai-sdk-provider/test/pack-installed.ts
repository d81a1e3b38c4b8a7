import { execFile } from 'node:child_process';
import { access, cp, readFile, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Packs the packages `names` as installed for `fromDir`, with everything they depend on, into
 * `destination`, and returns the tarballs: what `npm install --offline` needs to install them
 * without a registry. Follows Node's resolution, so it works on pnpm's layout as on a flat one.
 */
export async function packInstalled(
  names: string[],
  fromDir: string,
  destination: string,
): Promise<string[]> {
  const packages = await installedClosure(names, fromDir);
  return Promise.all(
    packages.map(async ({ dir, name, version }) => {
      const base = `${name.replace('@', '').replace('/', '-')}-${version}`;
      // A copy: pnpm hardlinks identical files, and npm drops a tarball's hardlink entries.
      const staging = join(destination, `${base}-staging`);
      await cp(dir, join(staging, 'package'), {
        recursive: true,
        filter: (source) => basename(source) !== 'node_modules',
      });
      // `tar`, not `npm pack`: npm 11 dies on zod's nested package.json files. Uncompressed
      // (npm takes a .tar): gzip would only cost CPU on files that never leave the machine.
      const tarball = join(destination, `${base}.tar`);
      await run('tar', ['-cf', tarball, '-C', staging, 'package'], { timeout: 60_000 });
      await rm(staging, { recursive: true });
      return tarball;
    }),
  );
}

interface InstalledPackage {
  dir: string;
  name: string;
  version: string;
}

async function installedClosure(names: string[], fromDir: string): Promise<InstalledPackage[]> {
  const byName = new Map<string, InstalledPackage>();
  const queue = names.map((name) => ({ name, fromDir, optional: false }));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const dir = await findPackageDir(next.name, next.fromDir);
    if (dir === undefined) {
      if (next.optional) continue;
      throw new Error(`${next.name} is not installed where ${next.fromDir} can resolve it`);
    }
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
    const seen = byName.get(manifest.name);
    if (seen !== undefined) {
      // One copy per name at the scratch app's root; two versions would send npm to a registry.
      if (seen.version !== manifest.version) {
        throw new Error(`${manifest.name} is installed as ${seen.version} and ${manifest.version}`);
      }
      continue;
    }
    byName.set(manifest.name, { dir, name: manifest.name, version: manifest.version });
    queue.push(...dependencyNames(manifest).map((entry) => ({ ...entry, fromDir: dir })));
  }
  return [...byName.values()];
}

function dependencyNames(manifest: Manifest): { name: string; optional: boolean }[] {
  const peers = Object.keys(manifest.peerDependencies ?? {});
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...peers.map((name) => ({
      name,
      optional: manifest.peerDependenciesMeta?.[name]?.optional === true,
    })),
  ];
}

/** The real directory of `name` as Node resolves it from `fromDir` (nearest `node_modules`). */
async function findPackageDir(name: string, fromDir: string): Promise<string | undefined> {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    try {
      await access(join(candidate, 'package.json'));
      return await realpath(candidate);
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}
