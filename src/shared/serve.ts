import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from './logger.js';

/**
 * Listen, and on SIGTERM/SIGINT shut down gracefully: stop accepting, let requests in flight
 * finish (up to `graceMs`), run `beforeExit` (flush the store), flush logs, exit 0.
 */
export function serve(
  app: Express,
  options: { name: string; host: string; port: number; logger: Logger; beforeExit?: () => Promise<void>; graceMs?: number },
): Promise<Server> {
  const { logger } = options;
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host);
    server.once('error', (error: NodeJS.ErrnoException) => {
      // main.ts logs the failure; the message says what to do about the common cases.
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${options.port} is already in use; stop what holds it or set a different port`
          : error.code === 'EACCES'
            ? `not allowed to listen on port ${options.port}; use a port above 1023`
            : error.message;
      reject(Object.assign(new Error(`${options.name} could not listen on ${options.host}:${options.port}: ${hint}`), { code: error.code }));
    });
    server.once('listening', () => {
      logger.info({ url: `http://${options.host}:${options.port}` }, `${options.name} listening`);
      resolve(server);
    });

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${options.name} shutting down`);
      const force = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 5_000);
      force.unref();
      server.close(async () => {
        try {
          await options.beforeExit?.();
        } catch (error) {
          logger.error({ err: error }, 'error while finishing shutdown');
        }
        logger.info(`${options.name} stopped`);
        logger.flush(() => process.exit(0));
      });
      server.closeIdleConnections();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
