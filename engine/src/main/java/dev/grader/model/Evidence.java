package dev.grader.model;

/**
 * What a grade found for people to weigh beyond the score: never scored (unless a manifest gives it a category),
 * never shown to the candidate audience. Each part is null when it was not gathered.
 *
 * @param history how the submission was built, from its git history ({@link HistoryEvidence})
 * @param code where to read: the candidate's changes against the starter and the methods they added or changed
 * @param similarity how much of the code matches other submissions, the reference or known solutions
 * @param ownTests the candidate's own tests against their code, the reference and the mutants
 */
public record Evidence(
        HistoryEvidence history, CodeEvidence code, SimilarityEvidence similarity, OwnTestsEvidence ownTests) {

    /** No evidence gathered. */
    public static Evidence none() {
        return new Evidence(null, null, null, null);
    }

    /** The same evidence with the submission's git history. */
    public Evidence withHistory(HistoryEvidence history) {
        return new Evidence(history, code, similarity, ownTests);
    }

    /** The same evidence with {@code code} (null: none). */
    public Evidence withCode(CodeEvidence code) {
        return new Evidence(history, code, similarity, ownTests);
    }

    /** This evidence with {@code similarity} (null: not gathered). */
    public Evidence withSimilarity(SimilarityEvidence similarity) {
        return new Evidence(history, code, similarity, ownTests);
    }

    /** The same evidence with {@code ownTests}. */
    public Evidence withOwnTests(OwnTestsEvidence ownTests) {
        return new Evidence(history, code, similarity, ownTests);
    }
}
