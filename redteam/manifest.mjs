// Prints the corpus manifest (every page's front matter, with its kind and served path) as
// JSON: `node redteam/manifest.mjs > /tmp/manifest.json`. The pages' front matter is the
// source; this is a view of it, for reviews and for other tools.
import { loadCorpus } from './lib/corpus.mjs';

const pages = loadCorpus().map(({ name, kind, path, meta }) => ({ name, kind, path, ...meta }));
const count = (k) => pages.filter((p) => p.kind === k).length;
console.log(JSON.stringify({ attacks: count('attack'), benign: count('benign'), pages }, null, 2));
