export { ScreeningPage, screeningPaths } from './screening-page.js';
