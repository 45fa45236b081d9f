/**
 * Evidence of how a submission was built, read from its git history with JGit (never by running git): commit
 * count and times, gaps, dates out of order or in the future, and the commit most of the final code came from.
 * Facts only. Depends on {@code model}.
 */
package dev.grader.history;
