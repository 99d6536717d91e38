import type { connectNodeAdapter } from "@connectrpc/connect-node";

/**
 * Answers a request of either HTTP version (node:http, or node:http2's
 * compatibility API): the shape of every handler and wrapper on the main port,
 * as connect-node's own handler has it (its response type narrows http2's
 * `write`), so that each can be given to the other and to both Node servers.
 */
export type NodeHandler = ReturnType<typeof connectNodeAdapter>;

/** The request a NodeHandler is given. */
export type NodeRequest = Parameters<NodeHandler>[0];

/** The response a NodeHandler is given. */
export type NodeResponse = Parameters<NodeHandler>[1];
