// The app loads the answers' schemas (and zod) with the first answer, as a chunk of its own. In
// the tests they are loaded before each file runs, so a test's first request does not wait for
// them to be transformed, and timeouts measure the app, not the test runner.
import '../src/lib/api/response-schemas';
