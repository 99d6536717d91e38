import type { MongoClient, TopologyDescriptionChangedEvent } from "mongodb";
import type { DatabaseMonitor } from "./database-monitor.js";

/**
 * Whether the database is known to be down, for calls to fail at once with
 * UNAVAILABLE instead of each waiting out the driver's server selection. Two
 * witnesses must agree: the health monitor's last ping failed, and the
 * driver's own server monitoring knows no server that holds data (a refused
 * or reset connection marks a server Unknown). A database that is only slow
 * fails the ping but keeps its servers known: its calls wait as usual rather
 * than being refused while it still answers.
 */
export function knownOutage(client: MongoClient, monitor: DatabaseMonitor): () => boolean {
  let serversKnown = true; // the client connected, so it knew a server
  client.on("topologyDescriptionChanged", (event: TopologyDescriptionChangedEvent) => {
    serversKnown = event.newDescription.hasDataBearingServers;
  });
  return () => {
    if (monitor.reachable !== false || serversKnown) return false;
    void monitor.check(); // a ping now (one at a time) ends the fast failures as soon as the database is back
    return true;
  };
}
