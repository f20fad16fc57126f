// A real TCP echo server and clients on 127.0.0.1 driven through the stream adapters, including
// back-pressure on a large payload and cancelling a task blocked on a read or a write.

import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Cancelled, Coroutine, Executor, ResumeKind, Step, once, read, spawn, write, type Task } from "../../runtime/src/index.js";
import { settle } from "./helpers.js";

const enum Echo$State {
  Start,
  Await0,
  Await1,
}

/**
 * [source]
 *     async function echo(socket, log) {
 *       try {
 *         for (let chunk = await read(socket); chunk !== null; chunk = await read(socket))  // Await0
 *           await write(socket, chunk);                                                   // Await1
 *         socket.end();
 *       } finally {
 *         log.push("echo:finally");
 *         if (!socket.writableEnded) socket.destroy();
 *       }
 *     }
 */
class Echo$Machine extends Coroutine {
  constructor(
    readonly socket: net.Socket,
    readonly log: string[],
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    if (kind !== ResumeKind.Next) {
      this.cleanup(); // the finally; Throw and Cancel leave the loop the same way
      if (kind === ResumeKind.Throw) throw input;
      return this.done();
    }
    switch (this.state) {
      case Echo$State.Start:
        this.state = Echo$State.Await0;
        return this.await(read(this.socket));
      case Echo$State.Await0: // chunk = await read(socket)
        if (input === null) {
          this.socket.end();
          this.cleanup();
          return this.done();
        }
        this.state = Echo$State.Await1;
        return this.await(write(this.socket, input));
      case Echo$State.Await1: // await write(socket, chunk)
        this.state = Echo$State.Await0;
        return this.await(read(this.socket));
    }
    return this.done();
  }

  private cleanup(): void {
    this.log.push("echo:finally");
    if (!this.socket.writableEnded) this.socket.destroy();
  }
}

const enum Client$State {
  Start,
  Await0,
  Await1,
  Await2,
}

/**
 * [source]
 *     async function client(port, payload) {
 *       const socket = net.connect(port, "127.0.0.1");
 *       await once(socket, "connect");                               // Await0
 *       await write(socket, payload); socket.end();                  // Await1
 *       const parts = [];
 *       for (let c = await read(socket); c !== null; c = await read(socket)) parts.push(c);  // Await2
 *       return Buffer.concat(parts);
 *     }
 */
class Client$Machine extends Coroutine<Buffer> {
  socket!: net.Socket;
  parts: Buffer[] = [];
  constructor(
    readonly port: number,
    readonly payload: Buffer,
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    if (kind === ResumeKind.Throw) throw input;
    if (kind === ResumeKind.Cancel) {
      this.socket?.destroy();
      return this.done();
    }
    switch (this.state) {
      case Client$State.Start:
        this.socket = connect(this.port);
        this.state = Client$State.Await0;
        return this.await(once(this.socket, "connect"));
      case Client$State.Await0:
        this.state = Client$State.Await1;
        return this.await(write(this.socket, this.payload));
      case Client$State.Await1:
        this.socket.end();
        this.state = Client$State.Await2;
        return this.await(read(this.socket));
      case Client$State.Await2:
        if (input === null) return this.done(Buffer.concat(this.parts));
        this.parts.push(input as Buffer);
        return this.await(read(this.socket));
    }
    return this.done();
  }
}

let servers: net.Server[] = [];
let openSockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of openSockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
  openSockets = [];
});

/** A listening server on 127.0.0.1 whose sockets are destroyed after the test. */
async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on("connection", (socket) => openSockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

function connect(port: number): net.Socket {
  const socket = net.connect(port, "127.0.0.1");
  openSockets.push(socket);
  return socket;
}

/** A server whose connections are each served by an echo task spawned on `executor`. */
async function echoServer(executor: Executor, log: string[], tasks: Task[]): Promise<number> {
  return listen(net.createServer((socket) => tasks.push(executor.spawn(new Echo$Machine(socket, log)))));
}

const READ_LISTENERS = ["readable", "end"] as const;
const count = (socket: net.Socket, events: readonly string[]) => events.reduce((n, e) => n + socket.listenerCount(e), 0);

describe("TCP echo through the stream adapters", () => {
  it("echoes small and large (back-pressured) payloads for concurrent clients", async () => {
    const executor = new Executor();
    const log: string[] = [];
    const serverTasks: Task[] = [];
    const port = await echoServer(executor, log, serverTasks);
    const big = Buffer.alloc(4 * 1024 * 1024, 7);
    const payloads = [Buffer.from("hello"), big, Buffer.from("x".repeat(70_000))];
    const clients = payloads.map((p) => executor.spawn(new Client$Machine(port, p)));
    const echoed = await Promise.all(clients);
    expect(echoed.map((b) => b.length)).toEqual(payloads.map((p) => p.length));
    expect(echoed.every((b, i) => b.equals(payloads[i]!))).toBe(true);
    await Promise.all(serverTasks);
    expect(log).toEqual(["echo:finally", "echo:finally", "echo:finally"]);
    // The 4 MB echo had to wait for 'drain' at least once on one side or the other.
    expect(serverTasks.reduce((n, t) => n + t.stats.polls, 0)).toBeGreaterThan(6);
  });

  it("cancelling a server task blocked on a read runs its finally, removes the listeners, and closes the socket", async () => {
    const executor = new Executor();
    const log: string[] = [];
    const serverTasks: Task[] = [];
    const port = await echoServer(executor, log, serverTasks);
    const socket = connect(port);
    socket.resume(); // consume, so the server's close reaches 'end' and 'close'
    await new Promise((r) => socket.once("connect", r));
    while (serverTasks.length === 0) await settle();
    const task = serverTasks[0]!;
    await settle();
    const serverSocket = (task.top as Echo$Machine).socket;
    const waiting = count(serverSocket, READ_LISTENERS);
    expect(serverSocket.listenerCount("readable")).toBe(1); // ours: net.Socket has no own 'readable' listener
    expect(executor.dump()[0]!.waitingOn).toBe("stream read");
    const closed = new Promise((r) => socket.once("close", r));
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(["echo:finally"]);
    expect(count(serverSocket, READ_LISTENERS)).toBe(waiting - 2); // our 'readable' and 'end' are gone
    await closed; // the client sees the server close the connection
  });

  it("cancelling a task blocked on a write (peer not reading) removes its drain listener", async () => {
    const executor = new Executor();
    const port = await listen(net.createServer((socket) => socket.pause())); // never reads: the client's writes back up
    const client = new Client$Machine(port, Buffer.alloc(64 * 1024 * 1024, 1));
    const task = executor.spawn(client);
    for (let i = 0; i < 200 && executor.dump()[0]?.waitingOn !== "stream write"; i++) await settle();
    expect(executor.dump()[0]!.waitingOn).toBe("stream write");
    expect(client.socket.listenerCount("drain")).toBe(1);
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(client.socket.listenerCount("drain")).toBe(0);
    expect(client.socket.destroyed).toBe(true);
  });

  it("a scoped accept loop: cancelling the server task cancels every connection task", async () => {
    // Connections spawned with `spawn` from inside a task belong to it (scope exit cancels them).
    const executor = new Executor();
    const log: string[] = [];
    const server = net.createServer();
    const port = await listen(server);
    const acceptor = executor.spawn(new Accept$Machine(server, log));
    const sockets = [connect(port), connect(port)];
    await Promise.all(sockets.map((s) => new Promise((r) => s.once("connect", r))));
    while ((acceptor.ext?.children?.count ?? 0) < 2) await settle();
    acceptor.cancel();
    await expect(acceptor).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(["echo:finally", "echo:finally"]);
    expect(server.listenerCount("connection")).toBe(1); // only the test's own bookkeeping listener
  });
});

const enum Accept$State {
  Start,
  Await0,
}

/** [source] async function accept(server, log) { for (;;) { const [socket] = await once(server, "connection"); spawn(echo(socket, log)); } } */
class Accept$Machine extends Coroutine {
  constructor(
    readonly server: net.Server,
    readonly log: string[],
  ) {
    super();
  }
  resume(kind: ResumeKind, input: unknown): Step {
    if (kind === ResumeKind.Throw) throw input;
    if (kind === ResumeKind.Cancel) return this.done();
    switch (this.state) {
      case Accept$State.Start:
        this.state = Accept$State.Await0;
        return this.await(once(this.server, "connection"));
      case Accept$State.Await0:
        spawn(new Echo$Machine((input as [net.Socket])[0], this.log));
        return this.await(once(this.server, "connection"));
    }
    return this.done();
  }
}
