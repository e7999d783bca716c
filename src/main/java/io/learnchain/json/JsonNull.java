package io.learnchain.json;

public enum JsonNull implements Json {
    NULL;

    @Override
    public String typeName() {
        return "null";
    }
}
