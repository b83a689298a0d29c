/**
 * What the workers have scheduled, for operators: retries waiting (from the command records, which hold each retry's
 * time and error) and JobRunr's recurring jobs and job servers (read from JobRunr's own storage through its
 * {@code StorageProvider}, never written). JobRunr's dashboard is not served; this is its information in our UI.
 */
package io.mirrormaestro.api.jobs;
