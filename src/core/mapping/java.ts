// JVM frames log a bare file name (`Fetcher.java`) and a qualified function
// (`com.acme.etl.Fetcher.fetch`): the package gives the directories (com/acme/etl/Fetcher.java).
import type { Frame } from '../model';

const JVM_SOURCE = /\.(java|kt|kts|scala|groovy)$/;

/** True for a frame whose file is a bare JVM source name and whose function is qualified. */
export function isJvmFrame(frame: Frame): boolean {
  return JVM_SOURCE.test(frame.file) && !/[\\/]/.test(frame.file) && qualifiedName(frame) !== undefined;
}

function qualifiedName(frame: Frame): string | undefined {
  // `app//com.acme.X.run` and `java.base/java.lang.Thread.run` carry a class loader or module first.
  const fn = frame.function.replace(/^.*\//, '');
  if (fn.includes('.')) return fn;
  if (frame.module && frame.module.includes('.')) return `${frame.module.replace(/^.*\//, '')}.${fn || 'x'}`;
  return undefined;
}

/** Package directories plus the file: com.acme.etl.Fetcher.fetch + Fetcher.java -> com/acme/etl/Fetcher.java. */
export function jvmPackagePath(frame: Frame): string[] | undefined {
  const name = qualifiedName(frame);
  if (!name) return undefined;
  // The last segment is the method, the one before it the class (nested classes use `$`).
  const parts = name.split('.');
  if (parts.length < 2) return undefined;
  const pkg = parts.slice(0, -2).filter((p) => /^[\w$]+$/.test(p));
  return [...pkg, frame.file];
}
