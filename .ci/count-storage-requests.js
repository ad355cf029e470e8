// Counts the storage requests one task hub made, from Azurite's --debug log: the cost of a journey on the Azure Storage
// backend. Leaves out empty queue polls (the cost of idling, not of the journey) and task hub upkeep (creating queues
// and tables, partition and app leases), so the figure is the journey's own work.
//   node .ci/count-storage-requests.js <azurite-debug.log> <task-hub-name>
const fs = require("fs");
const [logFile, hub] = process.argv.slice(2);
const requests = new Map();
for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
  const [, id] = line.split(" ");
  if (!id) continue;
  const start = /RequestMethod=(\w+) RequestURL=http:\/\/[^/]+\/devstoreaccount1\/([^ ?]*)(\?\S*)?/.exec(line);
  if (start) requests.set(id, { method: start[1], path: start[2], query: start[3] || "", empty: false });
  else if (line.includes("<QueueMessagesList/>") && requests.has(id)) requests.get(id).empty = true;
}
const counts = {};
let total = 0;
for (const r of requests.values()) {
  const resource = decodeURIComponent(r.path.split("/")[0]).replace(/\(.*$/, "");
  const ours = resource.toLowerCase().startsWith(hub.toLowerCase()) || (r.path.startsWith("$batch") && r.query.includes(hub));
  if (!ours && !r.path.startsWith("$batch")) continue;
  if (r.empty) continue;
  const isMessage = r.path.includes("/messages");
  const upkeep = /partitions|applease|leases/i.test(resource) || (!isMessage && r.method === "PUT" && !resource.match(/History|Instances/)) || r.path === "Tables";
  if (upkeep) continue;
  const kind = `${r.method} ${resource.replace(hub, "{hub}").replace(hub.toLowerCase(), "{hub}")}${isMessage ? "/messages" : ""}`;
  counts[kind] = (counts[kind] || 0) + 1;
  total++;
}
for (const [kind, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(4)}  ${kind}`);
console.log(`${String(total).padStart(4)}  task hub requests (empty polls and upkeep left out)`);
