package @@PACKAGE@@;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The visible test: the candidate sees it fail until the work is done. */
class WordCounterTest {

  @Test
  void countsTheWordsOfASentence() {
    assertEquals(3, WordCounter.count("one two three"), "words in \"one two three\"");
  }
}
