export { ConfigError, ConfigNotFoundError, type ConfigProblem } from "./config-error.ts";
export { defaultConfigInput } from "./default-config.ts";
export { didYouMean } from "./did-you-mean.ts";
export { BUILT_IN, loadConfig, parseConfigText, parseConfigValue, type LoadedConfig } from "./load.ts";
export * from "./schema.ts";
