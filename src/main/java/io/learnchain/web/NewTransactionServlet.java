package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /transactions/new}: {@code {"sender", "recipient", "amount"}} joins the pending pool. */
public final class NewTransactionServlet extends ApiServlet {
    /** Longest sender or recipient accepted, in characters. */
    static final int MAX_NAME_LENGTH = 256;

    public NewTransactionServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        JsonObject body = JsonBody.readObject(request, settings());
        Transaction transaction = parse(body);
        long index;
        try {
            index = network().addTransaction(transaction);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Transaction too large: " + e.getMessage());
        }
        return Reply.created(Reply.message("Transaction will be added to Block " + index));
    }

    /** The transaction a client asked for, or a 400 naming what is wrong with it. */
    static Transaction parse(JsonObject body) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("sender", "recipient", "amount")) {
            if (!body.has(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(400, "Missing values: " + String.join(", ", missing));
        }
        String sender = name(body, "sender");
        String recipient = name(body, "recipient");
        if (sender.equals(Transaction.REWARD_SENDER)) {
            throw new ApiException(400, "sender \"0\" is reserved for mining rewards");
        }
        Json amount = body.get("amount");
        if (!(amount instanceof JsonNumber number)) {
            throw new ApiException(400, "amount must be a number, not " + amount.typeName());
        }
        if (!number.isInteger() && !Double.isFinite(number.doubleValue())) {
            throw new ApiException(400, "amount must be a finite number");
        }
        if (!number.isPositive()) {
            throw new ApiException(400, "amount must be greater than 0");
        }
        return Transaction.of(sender, recipient, number);
    }

    private static String name(JsonObject body, String field) {
        Json value = body.get(field);
        if (!(value instanceof JsonString string)) {
            throw new ApiException(400, field + " must be a string, not " + value.typeName());
        }
        if (string.value().isEmpty()) {
            throw new ApiException(400, field + " must not be empty");
        }
        if (string.value().length() > MAX_NAME_LENGTH) {
            throw new ApiException(400, field + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return string.value();
    }
}
