import net, { type AddressInfo, type Socket } from "node:net";

/** A TCP proxy in front of the database that a test can cut and restore, on the same port. */
export interface TcpProxy {
  readonly port: number;
  /** Closes the listener and every open connection: the database looks down. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Keeps every connection open but forwards nothing, old or new: the database hangs (a black hole). */
  stall(): void;
  /** Drops the stalled connections and forwards again. */
  unstall(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const connections = new Set<Socket>();
  let server = createListener();
  let stalled = false;
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;

  function createListener(): net.Server {
    return net.createServer((client) => {
      if (stalled) {
        connections.add(client);
        client.once("close", () => connections.delete(client));
        client.on("error", () => client.destroy());
        client.pause();
        return;
      }
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        connections.add(socket);
        socket.once("close", () => connections.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async function cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of connections) socket.destroy();
    await closed;
  }

  return {
    port,
    cut,
    restore: async () => {
      server = createListener();
      await listen(server, port);
    },
    close: cut,
    stall: () => {
      stalled = true;
      for (const socket of connections) {
        socket.unpipe();
        socket.pause();
      }
    },
    unstall: () => {
      stalled = false;
      for (const socket of connections) socket.destroy();
    },
  };
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** host and port of the first host in a mongodb:// connection string. */
export function mongoHostOf(uri: string): { host: string; port: number } {
  const match = /^mongodb:\/\/(?:[^@/]*@)?([^:/,?]+)(?::(\d+))?/.exec(uri);
  if (match?.[1] === undefined) throw new Error(`cannot proxy ${uri}`);
  return { host: match[1], port: Number(match[2] ?? 27017) };
}

/** Whether a connection string names one host a proxy can stand in front of (not mongodb+srv:// or a seed list). */
export function canProxy(uri: string): boolean {
  return /^mongodb:\/\/[^,]+$/.test(uri.split("?")[0] ?? "");
}

/** The connection string with its host replaced by the proxy, connecting to it directly. */
export function throughProxy(uri: string, proxy: TcpProxy): string {
  const proxied = uri.replace(/^mongodb:\/\/([^@/]*@)?[^/?]+/, `mongodb://$1127.0.0.1:${proxy.port}`);
  if (proxied.includes("directConnection")) return proxied;
  return `${proxied}${proxied.includes("?") ? "&" : "/?"}directConnection=true`;
}
