import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkEngine } from './layout/elk-graph.js';

/**
 * ELK for Node (server, tests, benchmarks): elkjs's bundled build, which runs the layout on
 * the calling thread. A large map takes seconds, so the server calls it inside a worker
 * thread. The only file of shared that imports elkjs; it is a separate entry point
 * (`@ketenkaart/shared/node-elk`) so that the browser never bundles it.
 */
export function createNodeElk(): ElkEngine {
  // elkjs is CommonJS: under NodeNext the default import is module.exports, whose `default` is the class.
  return new ELK.default();
}
