package io.learnchain.web;

/** An answer: an HTTP status and a body, one of the records of {@link Answers}. */
record Reply(int status, Object body) {
    static Reply ok(Object body) {
        return new Reply(200, body);
    }

    static Reply created(Object body) {
        return new Reply(201, body);
    }

    static Answers.Message message(String message) {
        return new Answers.Message(message);
    }
}
