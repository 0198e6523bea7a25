/**
 * What the command line says when the server cannot start listening (rule SV-C1): one sentence
 * naming the setting to change, instead of Node's stack trace. Other errors are not explained here.
 */
export function listenFailure(
  error: unknown,
  where: { readonly port: number; readonly host: string; readonly metricsPort?: number },
): string | null {
  const failed = error as (NodeJS.ErrnoException & { port?: number }) | null;
  const code = failed?.code;
  // The metrics port (SV-O10) is named by its own variable.
  const metrics = where.metricsPort !== undefined && where.metricsPort > 0 && failed?.port === where.metricsPort;
  const port = metrics ? where.metricsPort : where.port;
  const variable = metrics ? 'KETENKAART_METRICS_PORT' : 'PORT';
  switch (code) {
    case 'EADDRINUSE':
      return (
        `Port ${port} is already in use (by another Ketenkaart or another program): stop that program, ` +
        `or start Ketenkaart on another port with the environment variable ${variable}, for example ${variable}=${port + 1}.`
      );
    case 'EACCES':
      return (
        `Port ${port} needs more rights than this process has: choose a port above 1023 ` +
        `with the environment variable ${variable}, for example ${variable}=${metrics ? 9464 : 8080}.`
      );
    case 'EADDRNOTAVAIL':
      return (
        `The address ${where.host} is not an address of this machine: set the environment variable HOST ` +
        `to one that is, for example HOST=127.0.0.1 or HOST=0.0.0.0.`
      );
    default:
      return null;
  }
}
