// The host page listens to the widget's events, as a web team's own code would.
const widget = document.querySelector('carepath-assessment');
const log = document.getElementById('event-log');

widget.addEventListener('carepath-change', (event) => {
  const { report } = event.detail;
  const score = report.overall.score === null ? 'no score yet' : report.overall.score.toFixed(1);
  log.textContent = `Saved. Overall ${score}; ${report.overall.rated} of ${report.overall.total} standards scored; ${report.gaps.length} gaps.`;
});

widget.addEventListener('carepath-error', (event) => {
  log.textContent = `Problem (${event.detail.code}): ${event.detail.message}`;
});
