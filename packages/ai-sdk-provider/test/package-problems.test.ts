import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  type Manifest,
  type PackageContents,
  packageProblems,
} from '../scripts/package-problems.ts';

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

const ready: PackageContents = {
  manifest: {
    name: '@switchyard/ai-sdk-provider',
    version: '0.1.0',
    license: 'Apache-2.0',
    type: 'module',
    repository: {
      type: 'git',
      url: 'git+https://example.test/switchyard.git',
      directory: 'packages/ai-sdk-provider',
    },
    publishConfig: { access: 'public' },
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    dependencies: { '@ai-sdk/provider': '4.0.38' },
    peerDependencies: { zod: '^4.1.8' },
  },
  packedFiles: [
    'package.json',
    'README.md',
    'LICENSE',
    'dist/index.js',
    'dist/index.js.map',
    'dist/index.d.ts',
  ],
  code: 'import { APICallError } from "@ai-sdk/provider";\nimport { z } from "zod/v4";\n',
  types:
    'import { z } from "zod/v4";\n/** @example\n * import { generateText } from \'ai\';\n */\n',
};

const with_ = (change: Partial<PackageContents> & { manifest?: Partial<Manifest> }) => ({
  ...ready,
  ...change,
  manifest: { ...ready.manifest, ...change.manifest },
});

describe('packageProblems', () => {
  it('finds nothing wrong with a ready package', () => {
    expect(packageProblems(ready)).toEqual([]);
  });

  it.each([
    ['an unreleased version', with_({ manifest: { version: '0.0.0' } }), /changeset version/],
    ['no repository', with_({ manifest: { repository: undefined } }), /repository/],
    ['no license', with_({ manifest: { license: undefined } }), /license/],
    [
      'a source file in the tarball',
      with_({ packedFiles: [...ready.packedFiles, 'src/index.ts'] }),
      /src\/index.ts would ship/,
    ],
    [
      'no LICENSE file',
      with_({ packedFiles: ready.packedFiles.filter((file) => file !== 'LICENSE') }),
      /LICENSE would not ship/,
    ],
    [
      'an export that is not built',
      with_({ manifest: { exports: { '.': './dist/other.js' } } }),
      /dist\/other.js/,
    ],
    [
      'a workspace dependency',
      with_({ manifest: { dependencies: { '@switchyard/x': 'workspace:*' } } }),
      /workspace/,
    ],
    ['an undeclared import', with_({ code: 'import { x } from "undeclared";' }), /undeclared/],
    ['a Node built-in', with_({ code: 'import { readFile } from "node:fs";' }), /node:fs.*edge/],
  ])('reports %s', (_, contents, problem) => {
    expect(packageProblems(contents).join('\n')).toMatch(problem);
  });

  it('holds for this package once it is versioned', async () => {
    const manifest = JSON.parse(await read('package.json')) as Manifest;
    const problems = packageProblems({ ...ready, manifest: { ...manifest, version: '0.1.0' } });
    expect(problems).toEqual([]);
  });
});
