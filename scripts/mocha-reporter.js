// Mocha reporter: the usual spec output, plus the run's counts written as JSON to the file named by
// PM_RESULTS_FILE (if set), so scripts/test.js can add the layers up into one summary line.
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_RETRY } = Mocha.Runner.constants;

class Reporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    // Retries (the real-VS-Code layers allow one) are said, never hidden.
    runner.on(EVENT_TEST_RETRY, (test, err) => {
      console.log(`    ↻ retried once: ${test.fullTitle()} (${String((err && err.message) || err).split('\n')[0]})`);
    });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.PM_RESULTS_FILE;
      if (!file) return;
      const s = runner.stats || {};
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0 }),
      );
    });
  }
}

module.exports = Reporter;
