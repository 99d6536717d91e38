/**
 * Entry of a server child process (forked by child-server.ts from its
 * compiled file): it serves on its own CPU so the load generator's work does
 * not land in the server's numbers, and it reports its CPU time on request.
 */
import type { ChildMessage, ParentMessage } from "./ipc-messages.js";
import { appendCommandCounts, driverGetInside } from "./servers/signature-service-server.js";
import { startServer } from "./servers/start-server.js";

function send(message: ChildMessage): void {
  process.send?.(message);
}

// The bench process went away (finished, crashed or killed): nobody is left to measure.
process.on("disconnect", () => process.exit());

if (process.send === undefined) {
  console.error("server-process must be started with child_process.fork by the bench");
  process.exit(2);
}

process.on("message", (message: ParentMessage) => {
  switch (message.type) {
    case "start":
      startServer(message).then(
        (ports) => send({ type: "listening", ports }),
        (error: unknown) => {
          // The parent stops this process when it reads the failure.
          process.exitCode = 1;
          send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
        },
      );
      break;
    case "cpu-usage":
      send({ type: "cpu-usage", usage: process.cpuUsage() });
      break;
    case "driver-get":
      driverGetInside(message).then(
        (result) => send({ type: "driver-get", ...result }),
        (error: unknown) => send({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case "append-commands":
      try {
        send({ type: "append-commands", counts: appendCommandCounts() });
      } catch (error) {
        send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      }
      break;
  }
});
