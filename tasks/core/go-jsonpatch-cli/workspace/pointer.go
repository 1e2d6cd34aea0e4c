package main

// JSON Pointer (RFC 6901) helpers go here.
