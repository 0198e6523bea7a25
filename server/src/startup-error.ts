/**
 * What the command line says when the server cannot start listening (rule SV-C1): one sentence
 * naming the setting to change, instead of Node's stack trace. Other errors are not explained here.
 */
export function listenFailure(error: unknown, where: { readonly port: number; readonly host: string }): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `Port ${where.port} is already in use (by another Ketenkaart or another program): stop that program, ` +
        `or start Ketenkaart on another port with the environment variable PORT, for example PORT=8081.`
      );
    case 'EACCES':
      return (
        `Port ${where.port} needs more rights than this process has: choose a port above 1023 ` +
        `with the environment variable PORT, for example PORT=8080.`
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
