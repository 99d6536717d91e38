// Interop check of the generated Go clients against a live server:
//
//	go run . [-protocol connect|grpc|all] http://127.0.0.1:8080
//
// "connect" uses connect-go (signaturesv1connect, Connect protocol over HTTP/1.1),
// "grpc" uses grpc-go (signaturesv1 gRPC stubs over cleartext HTTP/2). Each runs
// Save → Save (each receipt verified with crypto/sha256, crypto/ed25519 and the key
// of GetReceiptKey) → Get → stale Save (ABORTED) → List by tag → ListVersions → Verify →
// Delete → Get (NOT_FOUND), checks every answer and exits 1 on the first mismatch.
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	signaturesv1 "github.com/ncanode/signature-store/gen/go/ncanode/signatures/v1"
	"github.com/ncanode/signature-store/gen/go/ncanode/signatures/v1/signaturesv1connect"
)

// api is the part of the service the scenario calls, whatever the client library.
type api interface {
	Save(context.Context, *signaturesv1.SaveRequest) (*signaturesv1.SaveResponse, error)
	Get(context.Context, *signaturesv1.GetRequest) (*signaturesv1.GetResponse, error)
	Delete(context.Context, *signaturesv1.DeleteRequest) (*signaturesv1.DeleteResponse, error)
	List(context.Context, *signaturesv1.ListRequest) (*signaturesv1.ListResponse, error)
	ListVersions(context.Context, *signaturesv1.ListVersionsRequest) (*signaturesv1.ListVersionsResponse, error)
	Verify(context.Context, *signaturesv1.VerifyRequest) (*signaturesv1.VerifyResponse, error)
	GetReceiptKey(context.Context, *signaturesv1.GetReceiptKeyRequest) (*signaturesv1.GetReceiptKeyResponse, error)
	// failure returns the canonical code name ("ABORTED", …) and the ErrorInfo detail of an error.
	failure(error) (string, *errdetails.ErrorInfo)
}

// connectAPI adapts the connect-go client (request and response wrapped in connect types).
type connectAPI struct {
	client signaturesv1connect.SignatureServiceClient
}

func (c connectAPI) Save(ctx context.Context, r *signaturesv1.SaveRequest) (*signaturesv1.SaveResponse, error) {
	res, err := c.client.Save(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c connectAPI) Get(ctx context.Context, r *signaturesv1.GetRequest) (*signaturesv1.GetResponse, error) {
	res, err := c.client.Get(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c connectAPI) Delete(ctx context.Context, r *signaturesv1.DeleteRequest) (*signaturesv1.DeleteResponse, error) {
	res, err := c.client.Delete(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c connectAPI) List(ctx context.Context, r *signaturesv1.ListRequest) (*signaturesv1.ListResponse, error) {
	res, err := c.client.List(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c connectAPI) ListVersions(ctx context.Context, r *signaturesv1.ListVersionsRequest) (*signaturesv1.ListVersionsResponse, error) {
	res, err := c.client.ListVersions(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c connectAPI) Verify(ctx context.Context, r *signaturesv1.VerifyRequest) (*signaturesv1.VerifyResponse, error) {
	res, err := c.client.Verify(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c connectAPI) GetReceiptKey(ctx context.Context, r *signaturesv1.GetReceiptKeyRequest) (*signaturesv1.GetReceiptKeyResponse, error) {
	res, err := c.client.GetReceiptKey(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (connectAPI) failure(err error) (string, *errdetails.ErrorInfo) {
	var connectErr *connect.Error
	if !errors.As(err, &connectErr) {
		return "not a connect error: " + err.Error(), nil
	}
	var info *errdetails.ErrorInfo
	for _, detail := range connectErr.Details() {
		if value, err := detail.Value(); err == nil {
			if found, ok := value.(*errdetails.ErrorInfo); ok {
				info = found
			}
		}
	}
	return codes.Code(connectErr.Code()).String(), info
}

// grpcAPI adapts the grpc-go client.
type grpcAPI struct {
	signaturesv1.SignatureServiceClient
}

func (g grpcAPI) Save(ctx context.Context, r *signaturesv1.SaveRequest) (*signaturesv1.SaveResponse, error) {
	return g.SignatureServiceClient.Save(ctx, r)
}

func (g grpcAPI) Get(ctx context.Context, r *signaturesv1.GetRequest) (*signaturesv1.GetResponse, error) {
	return g.SignatureServiceClient.Get(ctx, r)
}

func (g grpcAPI) Delete(ctx context.Context, r *signaturesv1.DeleteRequest) (*signaturesv1.DeleteResponse, error) {
	return g.SignatureServiceClient.Delete(ctx, r)
}

func (g grpcAPI) List(ctx context.Context, r *signaturesv1.ListRequest) (*signaturesv1.ListResponse, error) {
	return g.SignatureServiceClient.List(ctx, r)
}

func (g grpcAPI) ListVersions(ctx context.Context, r *signaturesv1.ListVersionsRequest) (*signaturesv1.ListVersionsResponse, error) {
	return g.SignatureServiceClient.ListVersions(ctx, r)
}

func (g grpcAPI) Verify(ctx context.Context, r *signaturesv1.VerifyRequest) (*signaturesv1.VerifyResponse, error) {
	return g.SignatureServiceClient.Verify(ctx, r)
}

func (g grpcAPI) GetReceiptKey(ctx context.Context, r *signaturesv1.GetReceiptKeyRequest) (*signaturesv1.GetReceiptKeyResponse, error) {
	return g.SignatureServiceClient.GetReceiptKey(ctx, r)
}

func (grpcAPI) failure(err error) (string, *errdetails.ErrorInfo) {
	st, ok := status.FromError(err)
	if !ok {
		return "not a gRPC status: " + err.Error(), nil
	}
	var info *errdetails.ErrorInfo
	for _, detail := range st.Details() {
		if found, ok := detail.(*errdetails.ErrorInfo); ok {
			info = found
		}
	}
	return st.Code().String(), info
}

// mismatch is a failed check.
type mismatch struct{ text string }

func (m mismatch) Error() string { return m.text }

func expect(what string, actual, expected any) {
	if !reflect.DeepEqual(actual, expected) {
		panic(mismatch{fmt.Sprintf("%s: expected %#v, got %#v", what, expected, actual)})
	}
}

func ok(what string, err error) {
	if err != nil {
		panic(mismatch{fmt.Sprintf("%s: unexpected error: %v", what, err)})
	}
}

func expectTime(what string, value *timestamppb.Timestamp) time.Time {
	if value == nil {
		panic(mismatch{what + ": missing"})
	}
	at := value.AsTime()
	if d := time.Since(at); d > 10*time.Minute || d < -10*time.Minute {
		panic(mismatch{fmt.Sprintf("%s: %s is not about now", what, at)})
	}
	return at
}

func expectFailure(c api, what string, err error, code, reason string) *errdetails.ErrorInfo {
	if err == nil {
		panic(mismatch{fmt.Sprintf("%s: expected %s, got a success", what, code)})
	}
	got, info := c.failure(err)
	expect(what+": code", got, code)
	if info == nil {
		panic(mismatch{what + ": no google.rpc.ErrorInfo detail"})
	}
	expect(what+": ErrorInfo reason", info.GetReason(), reason)
	expect(what+": ErrorInfo domain", info.GetDomain(), "signatures.ncanode.kz")
	return info
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// receiptStatement is the JSON of Receipt.statement.
type receiptStatement struct {
	Type     string `json:"type"`
	Document string `json:"document"`
	Thread   string `json:"thread"`
	Version  int32  `json:"version"`
	HeadHash string `json:"head_hash"`
	Time     string `json:"time"`
}

// receiptVerifies reports whether the receipt's Ed25519 signature by publicKey covers the root its
// statement and proof lead to: the leaf SHA-256(0x00 ‖ statement), folded with each step as
// SHA-256(0x01 ‖ left ‖ right), signed after the prefix "ncanode.signatures.v1 receipt root\n".
func receiptVerifies(publicKey ed25519.PublicKey, receipt *signaturesv1.Receipt) bool {
	node := sha256.Sum256(append([]byte{0x00}, receipt.GetStatement()...))
	for _, step := range receipt.GetProof() {
		if step.GetSiblingLeft() {
			node = sha256.Sum256(slices.Concat([]byte{0x01}, step.GetSibling(), node[:]))
		} else {
			node = sha256.Sum256(slices.Concat([]byte{0x01}, node[:], step.GetSibling()))
		}
	}
	signed := append([]byte("ncanode.signatures.v1 receipt root\n"), node[:]...)
	return ed25519.Verify(publicKey, signed, receipt.GetSignature())
}

// expectReceipt checks Save's receipt offline with the raw public key of GetReceiptKey: its
// signature over the root its statement and proof lead to; refused with one byte of the
// statement flipped, and of the first proof sibling (or, with an empty proof, of the
// signature); and the statement naming the saved version and head.
func expectReceipt(ctx context.Context, c api, what string, receipt *signaturesv1.Receipt, saved *signaturesv1.Signature) {
	if receipt == nil {
		panic(mismatch{what + ": no receipt"})
	}
	key, err := c.GetReceiptKey(ctx, &signaturesv1.GetReceiptKeyRequest{})
	ok("GetReceiptKey", err)
	expect("GetReceiptKey: algorithm", key.GetAlgorithm(), "Ed25519")
	expect("GetReceiptKey: public_key length", len(key.GetPublicKey()), ed25519.PublicKeySize)
	expect(what+": receipt key_id", receipt.GetKeyId(), key.GetKeyId())
	publicKey := ed25519.PublicKey(key.GetPublicKey())
	if !receiptVerifies(publicKey, receipt) {
		panic(mismatch{what + ": the receipt's signature does not verify with the key of GetReceiptKey"})
	}
	altered := proto.Clone(receipt).(*signaturesv1.Receipt)
	altered.Statement[len(altered.Statement)/2] ^= 0x01
	if receiptVerifies(publicKey, altered) {
		panic(mismatch{what + ": a receipt with one byte of its statement flipped verifies"})
	}
	altered = proto.Clone(receipt).(*signaturesv1.Receipt)
	if proof := altered.GetProof(); len(proof) > 0 {
		proof[0].Sibling[0] ^= 0x01
		if receiptVerifies(publicKey, altered) {
			panic(mismatch{what + ": a receipt with one byte of its first proof sibling flipped verifies"})
		}
	} else {
		altered.Signature[0] ^= 0x01
		if receiptVerifies(publicKey, altered) {
			panic(mismatch{what + ": a receipt with one byte of its signature flipped verifies"})
		}
	}
	var statement receiptStatement
	ok(what+": receipt statement JSON", json.Unmarshal(receipt.GetStatement(), &statement))
	expect(what+": receipt type", statement.Type, "ncanode.signatures.v1.receipt")
	expect(what+": receipt document/thread/head_hash", []string{statement.Document, statement.Thread, statement.HeadHash},
		[]string{saved.GetDocument(), saved.GetThread(), saved.GetHeadHash()})
	expect(what+": receipt version", statement.Version, saved.GetVersion())
	at, err := time.Parse(time.RFC3339Nano, statement.Time)
	ok(what+": receipt time", err)
	expectTime(what+": receipt time", timestamppb.New(at))
}

func scenario(c api, label string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			m, ok := r.(mismatch)
			if !ok {
				panic(r)
			}
			err = m
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	random := make([]byte, 6)
	_, _ = rand.Read(random)
	run := label + "-" + hex.EncodeToString(random)
	document, thread, tag := "interop-"+run, "ticket-1", "interop-tag-"+run
	cms1, cms2 := "MIIBinteropVersionOne", "MIIBinteropVersionTwo"
	by, comment := "alice", "first"

	res1, err := c.Save(ctx, &signaturesv1.SaveRequest{
		Document: document, Thread: thread, Cms: cms1, Tags: []string{tag, "interop"},
		VersionCreatedBy: &by, VersionComment: &comment,
	})
	ok("Save v1", err)
	saved1 := res1.GetSignature()
	if saved1.GetId() <= 0 {
		panic(mismatch{fmt.Sprintf("Save v1: id %d is not positive", saved1.GetId())})
	}
	expect("Save v1: version/current_version", []int32{saved1.GetVersion(), saved1.GetCurrentVersion()}, []int32{1, 1})
	expect("Save v1: document/thread/cms", []string{saved1.GetDocument(), saved1.GetThread(), saved1.GetCms()}, []string{document, thread, cms1})
	expect("Save v1: tags", saved1.GetTags(), []string{tag, "interop"})
	expect("Save v1: version_created_by/comment", []string{saved1.GetVersionCreatedBy(), saved1.GetVersionComment()}, []string{"alice", "first"})
	expectTime("Save v1: version_created_at", saved1.GetVersionCreatedAt())
	expectTime("Save v1: created_at", saved1.GetCreatedAt())
	if !sha256Hex.MatchString(saved1.GetHeadHash()) {
		panic(mismatch{fmt.Sprintf("Save v1: head_hash %q is not 64 hex digits", saved1.GetHeadHash())})
	}
	expect("Save v1: version_hash (the head of a one-version chain)", saved1.GetVersionHash(), saved1.GetHeadHash())
	expectReceipt(ctx, c, "Save v1", res1.GetReceipt(), saved1)

	bob := "bob"
	res2, err := c.Save(ctx, &signaturesv1.SaveRequest{
		Document: document, Thread: thread, Version: 1, Cms: cms2, VersionCreatedBy: &bob,
	})
	ok("Save v2", err)
	saved2 := res2.GetSignature()
	expect("Save v2: id", saved2.GetId(), saved1.GetId())
	expect("Save v2: version/current_version", []int32{saved2.GetVersion(), saved2.GetCurrentVersion()}, []int32{2, 2})
	expect("Save v2: cms", saved2.GetCms(), cms2)
	expect("Save v2: tags kept", saved2.GetTags(), []string{tag, "interop"})
	expect("Save v2: version_created_by/comment", []string{saved2.GetVersionCreatedBy(), saved2.GetVersionComment()}, []string{"bob", ""})
	expect("Save v2: version_hash is the new head", saved2.GetVersionHash(), saved2.GetHeadHash())
	if saved2.GetHeadHash() == saved1.GetHeadHash() {
		panic(mismatch{"Save v2: head_hash did not move"})
	}
	expectReceipt(ctx, c, "Save v2", res2.GetReceipt(), saved2)

	got, err := c.Get(ctx, &signaturesv1.GetRequest{Document: document, Thread: thread})
	ok("Get", err)
	current := got.GetSignature()
	expect("Get: id", current.GetId(), saved1.GetId())
	expect("Get: version/current_version", []int32{current.GetVersion(), current.GetCurrentVersion()}, []int32{2, 2})
	expect("Get: document/thread/cms", []string{current.GetDocument(), current.GetThread(), current.GetCms()}, []string{document, thread, cms2})
	expect("Get: tags", current.GetTags(), []string{tag, "interop"})
	gotFirst, err := c.Get(ctx, &signaturesv1.GetRequest{Document: document, Thread: thread, Version: 1})
	ok("Get version 1", err)
	first := gotFirst.GetSignature()
	expect("Get version 1: version/current_version", []int32{first.GetVersion(), first.GetCurrentVersion()}, []int32{1, 2})
	expect("Get version 1: cms/version_created_by", []string{first.GetCms(), first.GetVersionCreatedBy()}, []string{cms1, "alice"})

	_, err = c.Save(ctx, &signaturesv1.SaveRequest{Document: document, Thread: thread, Version: 1, Cms: "MIIBstale"})
	info := expectFailure(c, "stale Save", err, "Aborted", "VERSION_MISMATCH")
	expect("stale Save: ErrorInfo current_version", info.GetMetadata()["current_version"], "2")

	listed, err := c.List(ctx, &signaturesv1.ListRequest{Tags: []string{tag}, Count: true})
	ok("List by tag", err)
	expect("List by tag: count", len(listed.GetSignatures()), 1)
	only := listed.GetSignatures()[0]
	expect("List by tag: id/version", []int64{only.GetId(), int64(only.GetVersion())}, []int64{saved1.GetId(), 2})
	expect("List by tag: document/cms", []string{only.GetDocument(), only.GetCms()}, []string{document, cms2})
	expect("List by tag: nb_results", listed.GetNbResults(), int64(1))

	history, err := c.ListVersions(ctx, &signaturesv1.ListVersionsRequest{Document: document, Thread: thread, IncludeCms: true})
	ok("ListVersions", err)
	expect("ListVersions: current_version", history.GetCurrentVersion(), int32(2))
	var numbers []int32
	var payloads, creators, comments []string
	var times []time.Time
	for i, v := range history.GetVersions() {
		numbers = append(numbers, v.GetVersion())
		payloads = append(payloads, v.GetCms())
		creators = append(creators, v.GetVersionCreatedBy())
		comments = append(comments, v.GetVersionComment())
		times = append(times, expectTime(fmt.Sprintf("ListVersions: version_created_at of %d", i+1), v.GetVersionCreatedAt()))
	}
	expect("ListVersions: versions", numbers, []int32{1, 2})
	expect("ListVersions: cms", payloads, []string{cms1, cms2})
	expect("ListVersions: version_created_by", creators, []string{"alice", "bob"})
	expect("ListVersions: version_comment", comments, []string{"first", ""})
	if times[0].After(times[1]) {
		panic(mismatch{"ListVersions: not oldest first"})
	}

	verified, err := c.Verify(ctx, &signaturesv1.VerifyRequest{Document: document, Thread: thread})
	ok("Verify", err)
	expect("Verify: intact", verified.GetIntact(), true)
	expect("Verify: versions_checked/first_broken_version/unhashed_versions",
		[]int32{verified.GetVersionsChecked(), verified.GetFirstBrokenVersion(), verified.GetUnhashedVersions()}, []int32{2, 0, 0})
	expect("Verify: head_hash", verified.GetHeadHash(), saved2.GetHeadHash())

	_, err = c.Delete(ctx, &signaturesv1.DeleteRequest{Document: document, Thread: thread})
	ok("Delete", err)
	_, err = c.Get(ctx, &signaturesv1.GetRequest{Document: document, Thread: thread})
	expectFailure(c, "Get after Delete", err, "NotFound", "SIGNATURE_NOT_FOUND")
	return nil
}

func main() {
	protocol := flag.String("protocol", "all", "connect (connect-go), grpc (grpc-go) or all")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: interop [-protocol connect|grpc|all] http://HOST:PORT")
		flag.PrintDefaults()
	}
	flag.Parse()
	target, err := url.Parse(flag.Arg(0))
	if flag.NArg() != 1 || err != nil || target.Scheme != "http" || target.Host == "" {
		flag.Usage()
		os.Exit(2)
	}

	runs := map[string]func() (api, func()){
		"connect": func() (api, func()) {
			client := signaturesv1connect.NewSignatureServiceClient(http.DefaultClient, target.String())
			return connectAPI{client}, func() {}
		},
		"grpc": func() (api, func()) {
			conn, err := grpc.NewClient(target.Host, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				fmt.Fprintf(os.Stderr, "FAIL go grpc-go: %v\n", err)
				os.Exit(1)
			}
			return grpcAPI{signaturesv1.NewSignatureServiceClient(conn)}, func() { _ = conn.Close() }
		},
	}
	names := map[string]string{"connect": "connect-go (Connect protocol)", "grpc": "grpc-go (gRPC)"}
	order := []string{"connect", "grpc"}
	if *protocol != "all" {
		if _, ok := runs[*protocol]; !ok {
			flag.Usage()
			os.Exit(2)
		}
		order = []string{*protocol}
	}
	failed := false
	for _, name := range order {
		client, done := runs[name]()
		if err := scenario(client, "go-"+name); err != nil {
			fmt.Fprintf(os.Stderr, "FAIL go %s: %v\n", names[name], err)
			failed = true
		} else {
			fmt.Printf("ok   go %s\n", names[name])
		}
		done()
	}
	if failed {
		os.Exit(1)
	}
}
