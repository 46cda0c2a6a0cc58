/** The express application, ready to hand to an HTTP server. */
export const HttpApp = Symbol('HttpApp');
