/**
 * The cluster's metrics (rules SV-N6, SV-O10), in the server's registry: whether Redis is up, the
 * messages published and received, and the updates rooms had to read from storage because no
 * message brought them (lost or late: a steady rise means Redis drops messages).
 */
import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../metrics.js';

export interface ClusterMetrics {
  readonly redisUp: Gauge;
  readonly messages: Counter<'direction' | 'kind'>;
  readonly caughtUp: Counter;
}

export function createClusterMetrics(metrics: Metrics): ClusterMetrics {
  const registers = [metrics.registry];
  return {
    redisUp: new Gauge({
      name: 'ketenkaart_redis_up',
      help: '1 while both Redis connections are up, else 0.',
      registers,
    }),
    messages: new Counter({
      name: 'ketenkaart_cluster_messages_total',
      help: 'Messages between instances, by direction (published, received) and kind.',
      labelNames: ['direction', 'kind'],
      registers,
    }),
    caughtUp: new Counter({
      name: 'ketenkaart_cluster_caught_up_updates_total',
      help: 'Stored updates of other instances that a room read from storage because no message had brought them.',
      registers,
    }),
  };
}
