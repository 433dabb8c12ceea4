import { Agent, request } from 'node:http';

export interface JsonReply {
  status: number;
  body: unknown;
}

class StaleConnection extends Error {
  constructor(cause: Error) {
    super('a kept-alive connection was closed by the server', { cause });
  }
}

/**
 * POSTs JSON over kept-alive connections, to one server or, request by request, round-robin to
 * several (a load balancer without stickiness: any instance may answer any request).
 */
export class JsonClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  private turn = 0;

  constructor(private readonly origins: string[]) {
    if (origins.length === 0) throw new Error('JsonClient needs at least one origin, got none');
  }

  async post(path: string, payload: unknown): Promise<JsonReply> {
    const origin = this.origins[this.turn++ % this.origins.length] as string;
    const body = JSON.stringify(payload);
    try {
      return await this.send(origin, path, body);
    } catch (err) {
      // A kept-alive connection the server closed as it was reused: the request almost surely never reached
      // the server, so it is sent again once, on a new connection (the remedy Node documents).
      if (!(err instanceof StaleConnection)) throw err;
      return this.send(origin, path, body);
    }
  }

  private send(origin: string, path: string, body: string): Promise<JsonReply> {
    return new Promise((done, fail) => {
      const req = request(
        origin + path,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            origin,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              done({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) });
            } catch (err) {
              fail(new Error(`${path}: the reply (${res.statusCode}) is not JSON`, { cause: err }));
            }
          });
          res.on('error', fail);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        fail(req.reusedSocket && err.code === 'ECONNRESET' ? new StaleConnection(err) : err),
      );
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
