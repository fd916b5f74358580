// ESLint for the whole repository: typescript-eslint with type information (floating and misused promises are
// the bugs that bite a real-time server), Lit and Lit accessibility rules for the web components.
import js from "@eslint/js";
import lit from "eslint-plugin-lit";
import litA11y from "eslint-plugin-lit-a11y";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "**/*.js", "!eslint.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["client/**/*.ts", "widgets/**/*.ts"],
    ...lit.configs["flat/recommended"],
  },
  {
    files: ["client/**/*.ts", "widgets/**/*.ts"],
    ...litA11y.configs.recommended,
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
