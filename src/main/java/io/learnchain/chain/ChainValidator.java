package io.learnchain.chain;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The consensus rules for a whole chain. A chain is valid when it is non-empty; block 1 has index
 * 1, previous_hash "1", proof 100 and no transactions (any timestamp: every node makes its own);
 * and each later block has index = previous + 1, previous_hash = the previous block's hash, and a
 * proof valid against that hash. Block fields must have the types {@link Block#fromJson} requires.
 *
 * <p>The original node checks proofs against the previous block's previous_hash; this checks them
 * against the previous block's hash, as its own miner makes them. Linear: each block is hashed once.
 */
public final class ChainValidator {
    private ChainValidator() {
    }

    /** Validates a chain received as JSON (the tutorial's difficulty) and returns its blocks. */
    public static List<Block> validate(JsonArray chain) throws InvalidChainException {
        List<Block> blocks = blocks(chain);
        validate(blocks);
        return blocks;
    }

    /** The blocks of a chain received as JSON, each well-formed (not yet checked against its parent). */
    public static List<Block> blocks(JsonArray chain) throws InvalidChainException {
        List<Block> blocks = new ArrayList<>(chain.size());
        for (Json item : chain.items()) {
            try {
                blocks.add(Block.fromJson(item));
            } catch (InvalidChainException e) {
                throw e.at(blocks.size() + 1);
            }
        }
        return blocks;
    }

    /** Checks the rules that tie blocks together, at the tutorial's difficulty. */
    public static void validate(List<Block> blocks) throws InvalidChainException {
        validate(blocks, ProofOfWork.DIFFICULTY);
    }

    /** Checks the rules that tie blocks together, at {@code difficulty} (leading hex zeros of a proof). */
    public static void validate(List<Block> blocks, int difficulty) throws InvalidChainException {
        if (blocks.isEmpty()) {
            throw new InvalidChainException(InvalidChainException.GENESIS, 1, "the chain is empty");
        }
        checkGenesis(blocks.get(0));
        for (int i = 1; i < blocks.size(); i++) {
            checkLink(blocks.get(i - 1), blocks.get(i), difficulty);
        }
    }

    /**
     * Checks a chain whose first {@code from} blocks are known to be valid (ours): the rest, and
     * how it joins them. Cost: the new blocks only.
     */
    public static void validateFrom(List<Block> blocks, int from, int difficulty) throws InvalidChainException {
        if (from <= 0) {
            validate(blocks, difficulty);
            return;
        }
        for (int i = from; i < blocks.size(); i++) {
            checkLink(blocks.get(i - 1), blocks.get(i), difficulty);
        }
    }

    public static void checkGenesis(Block genesis) throws InvalidChainException {
        if (genesis.index() != 1) {
            throw new InvalidChainException(InvalidChainException.GENESIS, 1, "the first block must have index 1, not " + genesis.index());
        }
        if (!Block.GENESIS_PREVIOUS_HASH.equals(genesis.previousHash())) {
            throw new InvalidChainException(InvalidChainException.GENESIS, 1, "block 1: previous_hash must be \"1\"");
        }
        if (!genesis.proof().canonical().equals(Long.toString(Block.GENESIS_PROOF))) {
            throw new InvalidChainException(InvalidChainException.GENESIS, 1, "block 1: proof must be " + Block.GENESIS_PROOF);
        }
        if (genesis.transactionCount() != 0) {
            throw new InvalidChainException(InvalidChainException.GENESIS, 1, "block 1: must hold no transactions");
        }
    }

    /** Checks that {@code block} may follow {@code parent}, at {@code difficulty}. */
    public static void checkLink(Block parent, Block block, int difficulty) throws InvalidChainException {
        if (block.index() != parent.index() + 1) {
            throw new InvalidChainException(InvalidChainException.INDEX, parent.index() + 1, "block " + block.index() + " follows block " + parent.index()
                    + ": index must be " + (parent.index() + 1));
        }
        if (!block.previousHash().equals(parent.hash())) {
            throw new InvalidChainException(InvalidChainException.PREVIOUS_HASH, block.index(), "block " + block.index() + ": previous_hash " + block.previousHash()
                    + " is not the hash of block " + parent.index() + " (" + parent.hash() + ")");
        }
        if (!ProofOfWork.isValid(parent.proof().canonical(), block.proof().canonical(), parent.hash(), difficulty)) {
            throw new InvalidChainException(InvalidChainException.PROOF, block.index(), "block " + block.index() + ": proof " + block.proof()
                    + " is not a valid proof of work after block " + parent.index());
        }
    }
}
