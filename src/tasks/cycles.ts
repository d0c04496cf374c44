/**
 * Dependency cycles: strongly connected components (Tarjan, iterative so that
 * long chains cannot overflow the stack), then one concrete cycle through each
 * component, so that the report can name every edge and where it is written.
 */

/** `next(v)` lists the nodes v waits for. Returns each cycle as a node path whose last node equals the first. */
export function findCycles(nodes: readonly string[], next: (v: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1] as { v: string; i: number };
      const succ = next(frame.v);
      if (frame.i < succ.length) {
        const w = succ[frame.i++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(frame.v) as number));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        for (;;) {
          const w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
          if (w === frame.v) break;
        }
        if (component.length > 1 || next(frame.v).includes(frame.v)) components.push(component);
      }
    }
  }
  return components.map((c) => cycleThrough(c, next));
}

/** A shortest cycle through the component's first node (breadth-first inside the component). */
function cycleThrough(component: string[], next: (v: string) => readonly string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0] as string;
  const parent = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q] as string;
    for (const w of next(v)) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = parent.get(at) as string) path.push(at);
        path.push(start);
        // path is start <- ... <- v <- start reversed; put it in waiting order.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!parent.has(w) && w !== start) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
