import type { RecordRef } from "./bench-records.js";

/**
 * Records nobody has saved to yet, for Save workers to move on to. Filled in
 * bulk between warm-up and measurement; if it runs dry, one record is made on
 * demand (outside the measured latency, though inside the wall time).
 */
export class FreshRecordPool {
  private readonly ready: RecordRef[] = [];

  constructor(private readonly make: (count: number) => Promise<RecordRef[]>) {}

  async fillTo(count: number): Promise<void> {
    if (count > this.ready.length) this.ready.push(...(await this.make(count - this.ready.length)));
  }

  async take(): Promise<RecordRef> {
    const next = this.ready.shift();
    if (next !== undefined) return next;
    const [made] = await this.make(1);
    if (made === undefined) throw new Error("no record was made");
    return made;
  }
}
