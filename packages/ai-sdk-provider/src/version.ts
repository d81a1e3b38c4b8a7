declare const __PACKAGE_VERSION__: string | undefined;

/** This package's version, replaced at build time from package.json. */
export const VERSION: string =
  typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-development';
