package dev.marquee.commons.problem;

/**
 * Thrown by application code to answer with a specific problem; mapped to {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problems.forStatus(404, what + " '" + id + "' does not exist"));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problems.forStatus(400, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problems.forStatus(409, detail));
    }

    public static ProblemException gone(String detail) {
        return new ProblemException(Problems.forStatus(410, detail));
    }

    public static ProblemException unavailable(String dependency, String detail) {
        return new ProblemException(Problem.of("service-unavailable", dependency + " is unavailable", 503, detail));
    }
}
