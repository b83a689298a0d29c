/**
 * What the read views of the whole estate share: the original tool's status buckets and health levels, its staleness
 * rules, the query parameters they take (bad values are 422 naming the parameter), and the MongoDB expressions and
 * indexes that let the server count instead of the JVM loading mirrors.
 */
package io.mirrormaestro.api.estate;
