/**
 * Stage 1, intake: a submission (folder, archive, git bundle or repository) or a variant brought into a project folder
 * of its own, then graded; what cannot be read becomes a {@code rejected} report. Depends on {@code engine} (to grade),
 * {@code exercise}, {@code history} (the submission's git
 * history, added to the report's evidence), {@code model}, {@code workspace}.
 */
package dev.grader.intake;
