import type { FastifyPluginAsync } from 'fastify';

/** The built-in Twilio simulator (filled in by the simulator work). */
export const simulatorPlugin: FastifyPluginAsync = async () => {};
