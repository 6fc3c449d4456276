// Names that scripts/build.sh gives the package's JavaScript when it builds it (esbuild --define);
// for the type check of the readable sources only, never shipped.

/** The lite package's default edition (`id@version`), fetched alongside its module; unset elsewhere. */
declare const CAREPATH_DEFAULT_EDITION: string | undefined;
