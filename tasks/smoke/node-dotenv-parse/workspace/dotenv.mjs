// Parse the contents of a .env file: see the task description.

/**
 * @param {string} text contents of a .env file
 * @returns {Record<string, string>} variable name -> value
 */
export function parseEnv(text) {
  throw new Error('parseEnv is not implemented yet');
}
