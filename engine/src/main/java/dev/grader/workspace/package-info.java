/**
 * File trees the stages share: copying, laying out variants, patches, the work folder of one grade, the test-support
 * sources. Depends on {@code exercise} only.
 */
package dev.grader.workspace;
