/** Every relative link in README.md and docs/ points at a file that exists (moving sections must not strand them). */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const files = ["README.md", ...fs.readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md")).map((file) => path.join("docs", file))];

describe("links in README.md and docs/", () => {
  it("resolve to files in the repo", () => {
    const broken = files.flatMap((file) => {
      const text = fs.readFileSync(path.join(root, file), "utf8").replace(/```[\s\S]*?```/g, "");
      return [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
        .map((match) => match[1] ?? "")
        .filter((target) => !/^[a-z]+:/.test(target) && !fs.existsSync(path.resolve(root, path.dirname(file), target)))
        .map((target) => `${file}: ${target}`);
    });
    expect(broken).toEqual([]);
  });
});
