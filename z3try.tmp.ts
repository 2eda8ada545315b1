import { init } from "z3-solver";
const t0 = performance.now();
const { Context, em } = await init();
const Z3 = Context("main");
console.log("init", performance.now() - t0);
for (let r = 0; r < 3; r++) {
const t1 = performance.now();
const s = new Z3.Solver();
const xs = Array.from({ length: 10 }, (_, i) => Z3.Int.const(`a${i}`));
for (const x of xs) s.add(x.ge(0), x.le(5));
s.add(Z3.Sum(xs[0]!, ...xs.slice(1)).le(12));
const res = await s.check();
console.log(res, performance.now() - t1);
if (res === "sat") { const m = s.model(); console.log(m.eval(xs[0]!).toString()); }
}
em.PThread.terminateAllThreads();
