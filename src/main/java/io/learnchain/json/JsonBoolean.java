package io.learnchain.json;

public enum JsonBoolean implements Json {
    TRUE, FALSE;

    public boolean value() {
        return this == TRUE;
    }

    @Override
    public String typeName() {
        return "a boolean";
    }
}
