// Allure Report 3 configuration (`npm run report`). singleFile: the default
// multi-file report never loads from file:// (toolchain.md), so the awesome
// plugin inlines everything into one index.html that opens offline.
import { defineConfig } from 'allure';

export default defineConfig({
  name: 'MFA servers conformance',
  output: 'reports/allure-report',
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: 'MFA servers conformance',
        reportLanguage: 'en',
        theme: 'light',
        // epic = operation, feature = rule kind (src/report/allureResults.ts)
        groupBy: ['epic', 'feature'],
      },
    },
  },
});
