package io.learnchain.web;

import io.learnchain.chain.Transaction;
import io.learnchain.json.Json;
import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /transactions/new}: {@code {"sender", "recipient", "amount"}} joins the pending pool;
 * in the signed ledger mode {@code {"sender", "recipient", "amount", "nonce", "signature"}}, which
 * the ledger's rules then check (signature, next nonce, funds).
 */
public final class NewTransactionServlet extends ApiServlet {
    /** Longest sender or recipient accepted, in characters. */
    static final int MAX_NAME_LENGTH = 256;

    public NewTransactionServlet() {
        super("POST");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        JsonObject body = JsonBody.readObject(request, settings());
        Transaction transaction = parse(body, settings().signedLedger());
        long index;
        try {
            index = network().addTransaction(transaction);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Transaction too large: " + e.getMessage());
        }
        return Reply.created(Reply.message("Transaction will be added to Block " + index));
    }

    /**
     * The transaction a client asked for, or a 400 naming what is wrong with it.
     *
     * @param signed the signed ledger mode: a nonce and a signature too, kept in the transaction
     */
    static Transaction parse(JsonObject body, boolean signed) {
        List<String> missing = new ArrayList<>();
        for (String field : signed ? SIGNED_FIELDS : List.of("sender", "recipient", "amount")) {
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
        if (!signed) {
            return Transaction.of(sender, recipient, number);
        }
        JsonObject.Builder fields = JsonObject.builder();
        for (String field : SIGNED_FIELDS) {
            fields.put(field, body.get(field));
        }
        return new Transaction(fields.build());
    }

    /** A signed transaction's fields, in the order a block holds them. */
    private static final List<String> SIGNED_FIELDS = List.of("sender", "recipient", "amount", "nonce", "signature");

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
