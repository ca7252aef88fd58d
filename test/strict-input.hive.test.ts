/** The strict-input tests again, with Hive Gateway serving the supergraph instead of Apollo Gateway (issue 9; gateway/hive-engine.ts). */
process.env.UNICARD_GATEWAY_ENGINE = 'hive';
await import('./strict-input.test.js');
